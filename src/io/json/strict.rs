//! A deserializer wrapper that makes serde's derived impls read exactly the documented shapes.
//!
//! serde's derived `Deserialize` for a struct also accepts a JSON array and reads it by field
//! order, and serde_json accepts a unit enum variant written as `{"high": null}`. The format
//! says objects are objects and enums are strings (with data: an object with one key), so
//! [`Strict`] wraps any [`Deserializer`] and, recursively for every nested value:
//!
//! - refuses a sequence where a struct (or a struct variant) is expected;
//! - reads an enum only as a string (a unit variant) or an object with exactly one key (a
//!   variant with data), never `{"unit_variant": null}`;
//! - refuses strings longer than a limit, before the model's visitor sees them (so no
//!   oversized text reaches a message);
//! - refuses nesting deeper than a limit (arrays, objects and enum objects each count one
//!   level).
//!
//! Everything else is forwarded unchanged. Limit hits are recorded in a [`Hits`] cell so the
//! caller can report them as named errors rather than by parsing a message.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

/// A limit hit while reading (the first one wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hit {
    /// A string of `len` bytes.
    StringTooLong { len: usize },
    /// Containers nested deeper than the limit.
    TooDeep,
}

/// Where the first limit hit is recorded.
pub(super) type Hits = Cell<Option<Hit>>;

/// The bounds of one read and the cell its hits go to.
#[derive(Clone, Copy)]
pub(super) struct Config<'h> {
    pub(super) max_depth: usize,
    pub(super) max_string_bytes: usize,
    pub(super) hits: &'h Hits,
}

impl Config<'_> {
    fn hit<E: de::Error>(&self, hit: Hit, message: fmt::Arguments<'_>) -> E {
        if self.hits.get().is_none() {
            self.hits.set(Some(hit));
        }
        E::custom(message)
    }

    fn check_str<E: de::Error>(&self, s: &str) -> Result<(), E> {
        if s.len() > self.max_string_bytes {
            let (len, limit) = (s.len(), self.max_string_bytes);
            let message = format_args!("string of {len} bytes is longer than the limit {limit}");
            return Err(self.hit(Hit::StringTooLong { len }, message));
        }
        Ok(())
    }

    /// The depth of a container opened at `depth`, or the too-deep error.
    fn enter<E: de::Error>(&self, depth: usize) -> Result<usize, E> {
        if depth >= self.max_depth {
            let limit = self.max_depth;
            return Err(self.hit(
                Hit::TooDeep,
                format_args!("nested deeper than {limit} levels"),
            ));
        }
        Ok(depth + 1)
    }
}

/// The strict view of deserializer `de`, at nesting `depth`.
pub(super) struct Strict<'h, D> {
    de: D,
    depth: usize,
    cfg: Config<'h>,
}

impl<'h, D> Strict<'h, D> {
    /// Wraps the top-level deserializer.
    pub(super) fn new(de: D, cfg: Config<'h>) -> Self {
        Strict { de, depth: 0, cfg }
    }
}

/// What a wrapped visitor expects, beyond what its inner visitor accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Any,
    /// A struct: an object, never an array.
    Struct,
}

/// Wraps a visitor so that the values it is handed are strict too.
struct Wrap<'h, V> {
    v: V,
    depth: usize,
    cfg: Config<'h>,
    shape: Shape,
}

/// Wraps a seed so that the deserializer it is handed is strict.
struct Seed<'h, S> {
    seed: S,
    depth: usize,
    cfg: Config<'h>,
}

impl<'h, D> Strict<'h, D> {
    fn wrap<V>(&self, v: V, shape: Shape) -> Wrap<'h, V> {
        Wrap {
            v,
            depth: self.depth,
            cfg: self.cfg,
            shape,
        }
    }
}

macro_rules! forward {
    ($($method:ident),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                let wrapped = self.wrap(visitor, Shape::Any);
                self.de.$method(wrapped)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<'_, D> {
    type Error = D::Error;

    forward!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let wrapped = self.wrap(visitor, Shape::Any);
        self.de.deserialize_unit_struct(name, wrapped)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let wrapped = self.wrap(visitor, Shape::Any);
        self.de.deserialize_newtype_struct(name, wrapped)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let wrapped = self.wrap(visitor, Shape::Any);
        self.de.deserialize_tuple(len, wrapped)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let wrapped = self.wrap(visitor, Shape::Any);
        self.de.deserialize_tuple_struct(name, len, wrapped)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let wrapped = self.wrap(visitor, Shape::Struct);
        self.de.deserialize_struct(name, fields, wrapped)
    }

    /// An enum is read from the JSON value's own shape: a string is a unit variant, an object
    /// with one key a variant with data; anything else is an invalid type.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let wrapped = self.wrap(visitor, Shape::Any);
        self.de.deserialize_any(EnumShape(wrapped))
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

impl<'de, 'h, V: Visitor<'de>> Visitor<'de> for Wrap<'h, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, x: bool) -> Result<Self::Value, E> {
        self.v.visit_bool(x)
    }
    fn visit_i64<E: de::Error>(self, x: i64) -> Result<Self::Value, E> {
        self.v.visit_i64(x)
    }
    fn visit_i128<E: de::Error>(self, x: i128) -> Result<Self::Value, E> {
        self.v.visit_i128(x)
    }
    fn visit_u64<E: de::Error>(self, x: u64) -> Result<Self::Value, E> {
        self.v.visit_u64(x)
    }
    fn visit_u128<E: de::Error>(self, x: u128) -> Result<Self::Value, E> {
        self.v.visit_u128(x)
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Self::Value, E> {
        self.v.visit_f64(x)
    }
    fn visit_char<E: de::Error>(self, x: char) -> Result<Self::Value, E> {
        self.v.visit_char(x)
    }
    fn visit_str<E: de::Error>(self, x: &str) -> Result<Self::Value, E> {
        self.cfg.check_str(x)?;
        self.v.visit_str(x)
    }
    fn visit_borrowed_str<E: de::Error>(self, x: &'de str) -> Result<Self::Value, E> {
        self.cfg.check_str(x)?;
        self.v.visit_borrowed_str(x)
    }
    fn visit_string<E: de::Error>(self, x: String) -> Result<Self::Value, E> {
        self.cfg.check_str(&x)?;
        self.v.visit_string(x)
    }
    fn visit_bytes<E: de::Error>(self, x: &[u8]) -> Result<Self::Value, E> {
        self.v.visit_bytes(x)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.v.visit_none()
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.v.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let (depth, cfg) = (self.depth, self.cfg);
        self.v.visit_some(Strict { de: d, depth, cfg })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let (depth, cfg) = (self.depth, self.cfg);
        self.v.visit_newtype_struct(Strict { de: d, depth, cfg })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        if self.shape == Shape::Struct {
            return Err(de::Error::invalid_type(Unexpected::Seq, &self));
        }
        let depth = self.cfg.enter(self.depth)?;
        let cfg = self.cfg;
        self.v.visit_seq(Access {
            inner: seq,
            depth,
            cfg,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let depth = self.cfg.enter(self.depth)?;
        let cfg = self.cfg;
        self.v.visit_map(Access {
            inner: map,
            depth,
            cfg,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (depth, cfg) = (self.depth, self.cfg);
        self.v.visit_enum(Access {
            inner: data,
            depth,
            cfg,
        })
    }
}

/// A sequence, map, enum or variant access whose nested values are strict.
struct Access<'h, A> {
    inner: A,
    depth: usize,
    cfg: Config<'h>,
}

impl<'h, A> Access<'h, A> {
    fn seed<S>(&self, seed: S) -> Seed<'h, S> {
        Seed {
            seed,
            depth: self.depth,
            cfg: self.cfg,
        }
    }

    fn wrap<V>(&self, v: V, shape: Shape) -> Wrap<'h, V> {
        Wrap {
            v,
            depth: self.depth,
            cfg: self.cfg,
            shape,
        }
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let (depth, cfg) = (self.depth, self.cfg);
        self.seed.deserialize(Strict { de: d, depth, cfg })
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Access<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_element_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Access<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 'h, A: EnumAccess<'de>> EnumAccess<'de> for Access<'h, A> {
    type Error = A::Error;
    type Variant = Access<'h, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (depth, cfg) = (self.depth, self.cfg);
        let seed = self.seed(seed);
        let (value, inner) = self.inner.variant_seed(seed)?;
        Ok((value, Access { inner, depth, cfg }))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Access<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        let seed = self.seed(seed);
        self.inner.newtype_variant_seed(seed)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, A::Error> {
        let wrapped = self.wrap(v, Shape::Any);
        self.inner.tuple_variant(len, wrapped)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, A::Error> {
        let wrapped = self.wrap(v, Shape::Struct);
        self.inner.struct_variant(fields, wrapped)
    }
}

/// Reads an enum from the shape of the JSON value (see [`Strict::deserialize_enum`]).
struct EnumShape<'h, V>(Wrap<'h, V>);

impl<'de, V: Visitor<'de>> Visitor<'de> for EnumShape<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(" (a string, or an object with one key)")
    }

    fn visit_str<E: de::Error>(self, x: &str) -> Result<Self::Value, E> {
        self.0.cfg.check_str(x)?;
        self.0.v.visit_enum(de::value::StrDeserializer::<E>::new(x))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let depth = self.0.cfg.enter(self.0.depth)?;
        let cfg = self.0.cfg;
        let access = Access {
            inner: map,
            depth,
            cfg,
        };
        self.0.v.visit_enum(OneKey(access))
    }
}

/// An enum written as an object with exactly one key: the variant name, then its data.
struct OneKey<'h, A>(Access<'h, A>);

impl<'de, 'h, A: MapAccess<'de>> EnumAccess<'de> for OneKey<'h, A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(
        mut self,
        seed: T,
    ) -> Result<(T::Value, Self), A::Error> {
        let seed = self.0.seed(seed);
        match self.0.inner.next_key_seed(seed)? {
            Some(variant) => Ok((variant, self)),
            None => Err(de::Error::invalid_length(0, &"an object with one key")),
        }
    }
}

impl<'de, A: MapAccess<'de>> OneKey<'_, A> {
    /// Reads the variant's data and checks that no second key follows.
    fn data<T: DeserializeSeed<'de>>(mut self, seed: T) -> Result<T::Value, A::Error> {
        let value = self.0.inner.next_value_seed(seed)?;
        match self.0.inner.next_key::<IgnoredAny>()? {
            None => Ok(value),
            Some(_) => Err(de::Error::invalid_length(2, &"an object with one key")),
        }
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for OneKey<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        Err(de::Error::invalid_type(
            Unexpected::Map,
            &"a string (a variant without data is written as its name)",
        ))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        let seed = self.0.seed(seed);
        self.data(seed)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, A::Error> {
        let seed = DataSeed {
            wrap: self.0.wrap(v, Shape::Any),
            kind: DataKind::Tuple(len),
        };
        self.data(seed)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, A::Error> {
        let seed = DataSeed {
            wrap: self.0.wrap(v, Shape::Struct),
            kind: DataKind::Struct(fields),
        };
        self.data(seed)
    }
}

/// The data of a tuple or struct variant.
enum DataKind {
    Tuple(usize),
    Struct(&'static [&'static str]),
}

/// Reads a variant's data with the variant's visitor (already wrapped).
struct DataSeed<'h, V> {
    wrap: Wrap<'h, V>,
    kind: DataKind,
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for DataSeed<'_, V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        match self.kind {
            DataKind::Tuple(len) => d.deserialize_tuple(len, self.wrap),
            DataKind::Struct(fields) => d.deserialize_struct("", fields, self.wrap),
        }
    }
}
