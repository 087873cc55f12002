//! The editor's names of files (`file://` URIs) ↔ paths of the store.
//! Only `file:` URIs name store files; anything else (an untitled buffer,
//! a remote file) is no file of the store.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The local path a `file:` URI names (percent-escapes decoded).
pub(super) fn to_path(uri: &Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    url.to_file_path().ok()
}

/// The `file:` URI of an absolute path.
pub(super) fn from_path(path: &Path) -> Option<Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_escaped_names() {
        let uri: Uri = "file:///store/claims/a%20b/%C3%A9.ron".parse().expect("a URI");
        let path = to_path(&uri).expect("a file URI");
        assert_eq!(path, Path::new("/store/claims/a b/é.ron"));
        assert_eq!(from_path(&path).map(|u| u.as_str().to_owned()), Some(uri.as_str().to_owned()));
        let untitled: Uri = "untitled:Untitled-1".parse().expect("a URI");
        assert_eq!(to_path(&untitled), None);
    }
}
