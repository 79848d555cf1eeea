//! What one reading of an import's bytes found: how many, and a digest of them. An import is
//! previewed by one reading and written by another; the second must find what the first
//! found, or it would write what the user did not preview.

use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Read};

/// The bytes one reading found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    pub(crate) len: u64,
    pub(crate) digest: u64,
}

/// A digest kept as bytes are read.
#[derive(Debug, Default)]
pub(crate) struct Digest {
    hasher: DefaultHasher,
    len: u64,
}

impl Digest {
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        self.hasher.write(bytes);
        self.len += bytes.len() as u64;
    }

    pub(crate) fn seen(&self) -> Seen {
        Seen {
            len: self.len,
            digest: self.hasher.finish(),
        }
    }
}

/// A reader that keeps a digest of every byte read through it.
pub(crate) struct Digesting<R> {
    inner: R,
    digest: Digest,
}

impl<R: Read> Digesting<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            digest: Digest::default(),
        }
    }

    /// The rest of the input read too (what follows a JSON document's end), and what the
    /// reading found.
    pub(crate) fn finish(mut self) -> io::Result<Seen> {
        io::copy(&mut self, &mut io::sink())?;
        Ok(self.digest.seen())
    }
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.write(&buf[..n]);
        Ok(n)
    }
}
