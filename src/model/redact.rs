//! Free-text labels are redacted in `Debug` output.
//!
//! Names of regions, organizations, funds and scenarios are the only free text of the model.
//! They are meant to be labels ("Xishan Village"), but a platform may put anything there (a
//! fund named after a person), and `Debug` output ends up in logs and panic messages. So the
//! `Debug` of every type holding a name prints `<redacted: N bytes>` in its place; the value
//! itself is still there for `Serialize` and for code that reads the field. No error's
//! `Display` quotes a name either (a name that is too long is reported by its length).

use std::fmt;

/// A label shown by its length only.
pub(crate) struct Redacted<'a>(pub(crate) &'a str);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted: {} bytes>", self.0.len())
    }
}

/// `Debug` for a struct with free-text fields: `plain` fields as derived, `secret` fields
/// through [`Redacted`]. The struct is destructured exhaustively, so adding a field without
/// listing it here is a compile error.
macro_rules! redacted_debug {
    ($ty:ident { $($plain:ident),* $(,)? } redact { $($secret:ident),* $(,)? }) => {
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let $ty { $($plain,)* $($secret,)* } = self;
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($plain), $plain))*
                    $(.field(stringify!($secret), &$crate::model::redact::Redacted($secret)))*
                    .finish()
            }
        }
    };
}

pub(crate) use redacted_debug;
