//! (module filled in on its branch)
