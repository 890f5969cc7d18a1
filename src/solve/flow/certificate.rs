//! Independent optimality certificate for min-cost flows.
