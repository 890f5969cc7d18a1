//! The `words!` macro: a stable file name and a human-readable text for each value of a closed
//! vocabulary (unit-only enums), so platforms print them without `{:?}`.

/// For each listed enum, implements `name()` (the `snake_case` name serde writes) and
/// `Display` (lower-case English words, padded with the formatter's width and alignment).
///
/// ```text
/// words! {
///     Category {
///         ChildProtection => "child_protection", "child protection";
///     }
/// }
/// ```
macro_rules! words {
    ($($ty:ident { $($variant:ident => $name:literal, $text:literal;)* })*) => {$(
        impl $ty {
            /// The value's `snake_case` name, as written in scenario and plan files.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(match self {
                    $($ty::$variant => $text,)*
                })
            }
        }
    )*};
}
