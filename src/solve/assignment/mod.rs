//! Linear assignment cores: dense Jonker–Volgenant and sparse ε-scaling auction.

pub mod matrix;

pub use matrix::{CostMatrix, MatrixError};
