//! The little-endian byte format of serialized state (accumulators): a reader that fails with
//! [`Error::CorruptBytes`] instead of panicking, and the header every state starts with.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Error, Result};

/// Version of the byte format written by `to_bytes` (states other than the survey tallies,
/// which have their own, `survey::TALLY_FORMAT_VERSION`).
pub const FORMAT_VERSION: u8 = 1;

/// Magic bytes that open every serialized cxkit state.
pub(crate) const MAGIC: &[u8; 4] = b"CXKA";

/// The error for unreadable state.
pub(crate) fn corrupt(reason: String) -> Error {
    Error::CorruptBytes { reason }
}

/// Writes the header: magic, format `version`, kind `tag`.
pub(crate) fn write_header(out: &mut Vec<u8>, version: u8, tag: u8) {
    out.extend_from_slice(MAGIC);
    out.push(version);
    out.push(tag);
}

/// Reads little-endian fields from serialized state, failing with [`Error::CorruptBytes`].
pub(crate) struct ByteReader<'a> {
    bytes: &'a [u8],
}

impl<'a> ByteReader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        ByteReader { bytes }
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        if self.bytes.len() < N {
            return Err(corrupt("truncated".into()));
        }
        let (head, rest) = self.bytes.split_at(N);
        self.bytes = rest;
        Ok(head.try_into().expect("split_at gave N bytes"))
    }

    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take::<1>()?[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take()?))
    }

    pub(crate) fn i32(&mut self) -> Result<i32> {
        Ok(i32::from_le_bytes(self.take()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take()?))
    }

    pub(crate) fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_le_bytes(self.take()?))
    }

    /// `n` little-endian f64 values; the length is checked against the bytes left before
    /// anything is allocated, so a corrupt count cannot ask for a huge buffer.
    pub(crate) fn f64s(&mut self, n: usize) -> Result<Vec<f64>> {
        if n.checked_mul(8).is_none_or(|b| b > self.bytes.len()) {
            return Err(corrupt(format!("truncated: {n} values announced")));
        }
        (0..n).map(|_| self.f64()).collect()
    }

    /// The next `n` bytes as they are.
    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.bytes.len() {
            return Err(corrupt(format!("truncated: {n} bytes announced")));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    /// Errors unless every byte was read.
    pub(crate) fn finish(self) -> Result<()> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(corrupt(format!("{} trailing bytes", self.bytes.len())))
        }
    }

    /// Reads and checks the header written by [`write_header`]; `what` names the expected
    /// kind in messages.
    pub(crate) fn header(&mut self, version: u8, tag: u8, what: &str) -> Result<()> {
        self.header_of(version..=version, tag, what).map(|_| ())
    }

    /// Reads and checks a header of any format version in `versions`; returns the version.
    pub(crate) fn header_of(
        &mut self,
        versions: std::ops::RangeInclusive<u8>,
        tag: u8,
        what: &str,
    ) -> Result<u8> {
        let magic = [self.u8()?, self.u8()?, self.u8()?, self.u8()?];
        if &magic != MAGIC {
            return Err(corrupt("not cxkit state (bad magic)".into()));
        }
        let version = self.u8()?;
        if !versions.contains(&version) {
            let reads = if versions.start() == versions.end() {
                format!("version {}", versions.start())
            } else {
                format!("versions {} to {}", versions.start(), versions.end())
            };
            return Err(corrupt(format!(
                "format version {version}, this build reads {reads}"
            )));
        }
        let found = self.u8()?;
        if found != tag {
            return Err(corrupt(format!(
                "state of kind {found}, expected a {what} (kind {tag})"
            )));
        }
        Ok(version)
    }
}

/// A value as the header (`version` [`FORMAT_VERSION`], kind `tag`) and its JSON: the format
/// of fitted models, a few numbers readable when debugging.
pub(crate) fn json_bytes<T: Serialize>(tag: u8, value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    write_header(&mut out, FORMAT_VERSION, tag);
    serde_json::to_writer(&mut out, value).expect("a model serializes");
    out
}

/// Reads [`json_bytes`] output of kind `tag` (`what` names it in messages).
pub(crate) fn from_json_bytes<T: DeserializeOwned>(bytes: &[u8], tag: u8, what: &str) -> Result<T> {
    let mut r = ByteReader::new(bytes);
    r.header(FORMAT_VERSION, tag, what)?;
    let rest = r.bytes(bytes.len() - 6)?;
    serde_json::from_slice(rest).map_err(|e| corrupt(format!("{what}: {e}")))
}
