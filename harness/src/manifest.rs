//! The workload manifest (`workloads/manifest.toml`, DESIGN §5): which workloads exist,
//! their tags, and for each size the `n` to call `run(n)` with and the checksum real Go
//! returns. Keys this harness does not know are ignored (the manifest grows), and a
//! `file` is relative to the manifest's directory, so a test can point `--manifest` at a
//! fixture suite of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::HarnessError;

/// A workload size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Size {
    Quick,
    #[default]
    Default,
    Large,
}

impl Size {
    pub fn name(self) -> &'static str {
        match self {
            Size::Quick => "quick",
            Size::Default => "default",
            Size::Large => "large",
        }
    }
}

/// `n` and the expected checksum of `run(n)` for one size.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub struct SizeSpec {
    pub n: i64,
    pub checksum: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub name: String,
    /// The Go source file (absolute, or relative to the working directory).
    pub file: PathBuf,
    pub tags: Vec<String>,
    pub description: String,
    pub sizes: BTreeMap<String, SizeSpec>,
}

impl Workload {
    pub fn size(&self, size: Size) -> Result<SizeSpec, HarnessError> {
        self.sizes.get(size.name()).copied().ok_or_else(|| {
            HarnessError::data(format!("manifest: workload {:?} has no size {:?}", self.name, size.name()))
        })
    }
}

#[derive(Deserialize)]
struct ManifestFile {
    #[serde(default)]
    workload: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    file: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    description: String,
    sizes: BTreeMap<String, SizeSpec>,
}

/// Read a manifest; files are resolved against its directory.
pub fn load(path: &Path) -> Result<Vec<Workload>, HarnessError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| HarnessError::no_input(format!("cannot read manifest {}: {e}", path.display())))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    parse(&text, dir).map_err(|e| HarnessError::data(format!("{}: {e}", path.display())))
}

pub fn parse(text: &str, dir: &Path) -> Result<Vec<Workload>, String> {
    let file: ManifestFile = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
    let mut seen = std::collections::HashSet::new();
    let mut workloads = Vec::new();
    for entry in file.workload {
        if !seen.insert(entry.name.clone()) {
            return Err(format!("workload {:?} appears twice", entry.name));
        }
        workloads.push(Workload {
            file: dir.join(&entry.file),
            name: entry.name,
            tags: entry.tags,
            description: entry.description,
            sizes: entry.sizes,
        });
    }
    Ok(workloads)
}

/// The repository root: the nearest ancestor of the working directory holding
/// `workloads/manifest.toml`, else the workspace this harness was built from.
pub fn repo_root() -> PathBuf {
    if let Ok(cwd) = std::env::current_dir() {
        if let Some(root) = cwd.ancestors().find(|d| d.join("workloads/manifest.toml").is_file()) {
            return root.to_path_buf();
        }
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".")).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_ignores_unknown_keys() {
        let text = r#"
            [[workload]]
            name = "fib"
            file = "fib.go"
            source = "somewhere"
            tags = ["int", "calls"]
            sizes = { quick = { n = 26, checksum = 121393 }, default = { n = 33, checksum = 3524578, note = "x" } }
        "#;
        let w = parse(text, Path::new("/w")).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].file, PathBuf::from("/w/fib.go"));
        assert_eq!(w[0].size(Size::Quick).unwrap(), SizeSpec { n: 26, checksum: 121393 });
        let missing = w[0].size(Size::Large).unwrap_err();
        assert!(missing.message.contains("no size \"large\""), "{missing}");
    }

    #[test]
    fn rejects_bad_manifests_with_a_message() {
        assert!(parse("[[workload]]\nname = 1", Path::new(".")).is_err());
        let dup = "[[workload]]\nname='a'\nfile='a.go'\nsizes={}\n[[workload]]\nname='a'\nfile='b.go'\nsizes={}";
        assert!(parse(dup, Path::new(".")).unwrap_err().contains("twice"));
    }

    #[test]
    fn the_repository_manifest_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let workloads = load(&root.join("workloads/manifest.toml")).unwrap();
        assert!(workloads.len() >= 10);
        for w in &workloads {
            assert!(w.file.is_file(), "{}", w.file.display());
            for size in [Size::Quick, Size::Default, Size::Large] {
                w.size(size).unwrap();
            }
        }
    }
}
