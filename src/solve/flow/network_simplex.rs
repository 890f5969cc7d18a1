//! Primal network simplex with block-search pivoting.
