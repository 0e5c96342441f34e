//! A minimal serde `Deserializer` over a `JSON.parse`d [`JsValue`]: the `gzcredit_shared`
//! API types decode with their own derives, without a JSON parser in the wasm.
//!
//! Why not `serde_json` or `serde-wasm-bindgen`: both format their error messages, which
//! links `core::fmt` for floats and serde's `Unexpected` texts into the wasm (about 15 KB
//! before compression). Here an error carries no message — the front end only needs to
//! know that an answer did not decode — so none of that code is reachable.
//!
//! Numbers: an integral JS number is visited as an integer (so `i64` ids and `u32` counts
//! decode, and a `serde_json::Value` keeps integers as integers); any other as `f64`.

use js_sys::{Array, Object, Reflect};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// The value did not have the shape the type wants. Deliberately without a message.
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("undecodable")
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    // Every other constructor of `de::Error` ends here; the message is never formatted.
    fn custom<T: fmt::Display>(_: T) -> Self {
        Error
    }
}

/// Decode `value` (the result of `JSON.parse`) into `T`.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(Deserializer(value))
}

/// The deserializer of one JS value.
pub struct Deserializer(JsValue);

/// Largest integer a JS number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

impl<'de> de::Deserializer<'de> for Deserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let v = self.0;
        if v.is_null() || v.is_undefined() {
            return visitor.visit_unit();
        }
        if let Some(b) = v.as_bool() {
            return visitor.visit_bool(b);
        }
        if let Some(n) = v.as_f64() {
            return if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
                if n >= 0.0 {
                    visitor.visit_u64(n as u64)
                } else {
                    visitor.visit_i64(n as i64)
                }
            } else {
                visitor.visit_f64(n)
            };
        }
        if let Some(s) = v.as_string() {
            return visitor.visit_string(s);
        }
        if Array::is_array(&v) {
            let array: Array = v.unchecked_into();
            return visitor.visit_seq(Seq { array, index: 0 });
        }
        if v.is_object() {
            let keys = Object::keys(v.unchecked_ref::<Object>());
            return visitor.visit_map(Map { object: v, keys, index: 0, value: None });
        }
        Err(Error)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    // Unit variants are strings on the wire (`"administrative_penalty"`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(s)),
            None => Err(Error),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    // Unknown fields are skipped without walking them.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Seq {
    array: Array,
    index: u32,
}

impl<'de> de::SeqAccess<'de> for Seq {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.index >= self.array.length() {
            return Ok(None);
        }
        let item = self.array.get(self.index);
        self.index += 1;
        seed.deserialize(Deserializer(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.array.length() - self.index) as usize)
    }
}

struct Map {
    object: JsValue,
    keys: Array,
    index: u32,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Map {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.index >= self.keys.length() {
            return Ok(None);
        }
        let key = self.keys.get(self.index);
        self.index += 1;
        self.value = Reflect::get(&self.object, &key).ok();
        let key = key.as_string().ok_or(Error)?;
        seed.deserialize(IntoDeserializer::<Error>::into_deserializer(key)).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Deserializer(self.value.take().unwrap_or(JsValue::UNDEFINED)))
    }
}
