//! Writing files so that nothing is ever half-written.
//!
//! A file is written to a temporary file in the same directory, flushed to disk, and then
//! renamed over the target in one step. Whenever the process stops, even by `kill -9`, the
//! target holds either the previous complete version or the new one.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

use crate::source::io_reason;
use crate::text;

/// Replaces `path` with `contents` atomically. A symbolic link is followed, so the file it
/// points to is replaced and the link kept; only a regular file is ever replaced (see
/// [`check_target`]). A file that exists keeps its permissions, and a new one is readable
/// by others as files usually are; the temporary file it starts as stays private until it
/// is complete. Temporary files left by an earlier save of the same file that was killed
/// are removed.
pub fn write_atomic(path: &Path, contents: &str) -> anyhow::Result<()> {
    // Making the temporary file below is itself the test of the directory that
    // `check_target` makes with a probe: one file less per save.
    check_kind(path)?;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .with_context(|| format!("cannot follow the link {}", path.display()))?,
        _ => path.to_path_buf(),
    };
    let dir = directory_of(&path);
    let prefix = temporary_prefix(&path);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| cannot_write_in(dir, &e))?;
    let permissions = match std::fs::metadata(&path) {
        Ok(existing) => Some(existing.permissions()),
        Err(_) => new_file_permissions(),
    };
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .with_context(|| format!("cannot set the permissions of {}", path.display()))?;
    }
    temp.persist(&path)
        .map_err(|e| anyhow::anyhow!("cannot save {}: {}", path.display(), io_reason(&e.error)))?;
    remove_leftovers(dir, &[&prefix, PROBE_PREFIX]);
    // Make the rename itself durable (best effort: not every platform can open a directory).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Checks, before anything is asked or written, that `path` can be saved to: it is a
/// regular file or nothing yet (a link is followed, and must lead somewhere), and its
/// directory exists and may be written in. Each refusal says what to do instead.
pub fn check_target(path: &Path) -> anyhow::Result<()> {
    check_kind(path)?;
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    probe(directory_of(&real), &temporary_prefix(&real))
}

/// Checks that `path` is a regular file or nothing yet, and that a link there leads
/// somewhere.
fn check_kind(path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    if let Ok(m) = std::fs::symlink_metadata(path)
        && m.file_type().is_symlink()
        && std::fs::metadata(path).is_err()
    {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "nothing".into());
        bail!(
            "{shown} is a link to {}, which does not exist: point the link at a file, or choose another file with --out",
            text::one_line(&target)
        );
    }
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
    {
        let what = if m.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        bail!(
            "{shown} is {what}: copro saves only to regular files; choose another file with --out"
        );
    }
    Ok(())
}

/// Checks that `dir` exists and may be written in, for a file not named yet.
pub fn check_directory(dir: &Path) -> anyhow::Result<()> {
    probe(dir, PROBE_PREFIX)
}

/// How a probe of a directory for a file not named yet begins.
const PROBE_PREFIX: &str = ".copro-probe.";

/// Checks that `dir` exists and that a temporary file beginning with `prefix` can be made
/// there (and removes it at once).
fn probe(dir: &Path, prefix: &str) -> anyhow::Result<()> {
    if !dir.is_dir() {
        bail!(
            "the directory {} does not exist: create it first, or choose another file with --out",
            dir.display()
        );
    }
    // Creating (and at once removing) a temporary file is the one sure test of being
    // allowed to write there: permissions, access lists and read-only disks all count.
    tempfile::Builder::new()
        .prefix(prefix)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| cannot_write_in(dir, &e))?;
    Ok(())
}

fn cannot_write_in(dir: &Path, error: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot save in {}: {}; choose a directory you may write in with --out",
        dir.display(),
        io_reason(error)
    )
}

/// The directory a file is in; `.` for a bare file name.
fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

const TEMPORARY_SUFFIX: &str = ".tmp";

/// How the temporary files of one target's saves begin: `.copro-NAME.`, so that leftovers
/// of that file, and only of that file, are found again.
fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = name.chars().take(100).collect();
    format!(".copro-{name}.")
}

/// Removes temporary files of earlier saves of the same file that never finished, and
/// probes of the directory (the process was killed). Best effort: a file that cannot be
/// removed is left.
fn remove_leftovers(dir: &Path, prefixes: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let random = prefixes
            .iter()
            .find_map(|prefix| name.strip_prefix(prefix))
            .and_then(|rest| rest.strip_suffix(TEMPORARY_SUFFIX));
        if random.is_some_and(|r| r.len() == RANDOM_CHARS && r.chars().all(char::is_alphanumeric))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// How many random characters the temporary files' names have between prefix and suffix
/// (the `tempfile` crate's default).
const RANDOM_CHARS: usize = 6;

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
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

    #[cfg(unix)]
    #[test]
    fn follows_links_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        std::fs::write(&real, "old\n").expect("write");
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        write_atomic(&link, "new\n").expect("write through the link");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new\n");
        let mode = std::fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let fresh = dir.path().join("fresh.toml");
        write_atomic(&fresh, "x\n").expect("write");
        assert_eq!(
            std::fs::metadata(&fresh)
                .expect("meta")
                .permissions()
                .mode()
                & 0o777,
            0o644
        );
    }
}
