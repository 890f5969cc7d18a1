//! (module owned by a solver-core helper; filled in on its branch)
