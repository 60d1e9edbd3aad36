//! Writing files so that nothing is ever half-written.
//!
//! A file is written to a temporary file in the same directory, flushed to disk, and then
//! renamed over the target in one step. Whenever the process stops, even by `kill -9`, the
//! target holds either the previous complete version or the new one.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Replaces `path` with `contents` atomically.
pub fn write_atomic(path: &Path, contents: &str) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".copro-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    temp.persist(path)
        .with_context(|| format!("cannot save {}", path.display()))?;
    // Make the rename itself durable (best effort: not every platform can open a directory).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.toml");
        write_atomic(&path, "one = 1\n").expect("first write");
        write_atomic(&path, "two = 2\n").expect("second write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "two = 2\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1);
    }
}
