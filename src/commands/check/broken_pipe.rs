//! Output whose reader may go away (`copro check … | head`).
//!
//! After the reader goes, the rest is quietly dropped instead of failing, so that every
//! file is still checked and the exit code says what copro found. Any other write error
//! is still an error.

use std::io::{ErrorKind, Write};

/// A writer that takes a broken pipe as the end of its reader, not as an error.
pub struct Gone<W> {
    out: W,
    gone: bool,
}

impl<W: Write> Gone<W> {
    /// Wraps `out`.
    pub fn new(out: W) -> Self {
        Gone { out, gone: false }
    }

    fn unless_gone<T>(&mut self, result: std::io::Result<T>, otherwise: T) -> std::io::Result<T> {
        match result {
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(otherwise)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Gone<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let written = self.out.write(buf);
        self.unless_gone(written, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.unless_gone(flushed, ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` bytes, then its reader goes.
    struct Pipe {
        taken: Vec<u8>,
        room: usize,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.taken.len() + buf.len() > self.room {
                return Err(ErrorKind::BrokenPipe.into());
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn after_the_reader_goes_writes_are_dropped_quietly() {
        let mut out = Gone::new(Pipe {
            taken: Vec::new(),
            room: 4,
        });
        out.write_all(b"abc").expect("room");
        out.write_all(b"def")
            .expect("a broken pipe is not an error");
        out.write_all(b"g").expect("nor is anything after it");
        out.flush().expect("flushed");
        assert_eq!(out.out.taken, b"abc");
    }
}
