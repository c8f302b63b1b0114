//! Real Go is the oracle: when Go is installed, every conformance program's expected
//! files and every workload checksum are re-derived from `go build` and compared with
//! what is committed. Without Go the test says that it skipped.

mod common;

use std::process::Command;

use common::*;

#[test]
fn expected_files_agree_with_real_go() {
    let Some(go) = go_binary() else {
        println!("SKIPPED: Go is not installed (CI installs golang-1.19-go); expected files not re-checked");
        return;
    };
    let dir = repo_root().join("vm/tests/conformance/run");
    let files = go_files(&dir);
    let tmp = std::env::temp_dir().join(format!("jitlab-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("tmp dir");
    // `import "island"` resolves to the package's pure-Go twin (workloads/island).
    let gopath = tmp.join("gopath");
    std::fs::create_dir_all(gopath.join("src")).expect("gopath");
    std::os::unix::fs::symlink(repo_root().join("workloads/island"), gopath.join("src/island")).expect("symlink");
    let chunks: Vec<Vec<std::path::PathBuf>> =
        files.chunks(files.len().div_ceil(2).max(1)).map(|c| c.to_vec()).collect();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .enumerate()
            .map(|(i, chunk)| {
                let go = go.clone();
                let gopath = gopath.clone();
                let tmp = tmp.clone();
                s.spawn(move || {
                    let mut bad = Vec::new();
                    for f in chunk {
                        // Built as NAME and run as ./NAME, as bless.sh runs it (os.Args[0]
                        // is in what flag's usage prints).
                        let stem = f.file_stem().expect("a file name").to_string_lossy().to_string();
                        let dir = tmp.join(format!("chunk{i}"));
                        std::fs::create_dir_all(&dir).expect("chunk dir");
                        let bin = dir.join(&stem);
                        let b = Command::new(&go)
                            .arg("build")
                            .arg("-o")
                            .arg(&bin)
                            .arg(f)
                            .env("GOCACHE", tmp.join("cache"))
                            .env("GO111MODULE", "off")
                            .env("GOPATH", &gopath)
                            .output()
                            .expect("go build");
                        if !b.status.success() {
                            bad.push(format!(
                                "{}: go build failed: {}",
                                f.display(),
                                String::from_utf8_lossy(&b.stderr)
                            ));
                            continue;
                        }
                        let input = std::fs::File::open(f.with_extension("in"))
                            .map(std::process::Stdio::from)
                            .unwrap_or_else(|_| std::process::Stdio::null());
                        let r = Command::new(format!("./{stem}"))
                            .current_dir(&dir)
                            .args(&command_line(f)[1..])
                            .stdin(input)
                            .output()
                            .expect("run");
                        let _ = std::fs::remove_file(&bin);
                        // Go's run judged by the runner's own rules (conformance.rs).
                        let go_run = Outcome {
                            stdout: r.stdout,
                            stderr: String::from_utf8_lossy(&r.stderr).into_owned(),
                            status: r.status.code().unwrap_or(-1),
                            jit: Default::default(),
                            funcs: 0,
                        };
                        if let Err(e) = check_expected(f, &go_run) {
                            bad.push(format!("{}: real Go disagrees with the expected files: {e}", f.display()));
                        }
                    }
                    bad
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("oracle thread")).collect()
    });
    // Workload checksums and .out files, with the workloads' own bless script.
    let bless =
        Command::new("bash").arg(repo_root().join("workloads/bless.sh")).env("GO", &go).output().expect("bless.sh");
    let mut failures = failures;
    if !bless.status.success() {
        failures.push(format!(
            "workloads/bless.sh: {}{}",
            String::from_utf8_lossy(&bless.stdout),
            String::from_utf8_lossy(&bless.stderr)
        ));
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!("{} passed, {} failed", files.len() + 1 - failures.len(), failures.len());
    assert!(failures.is_empty(), "oracle disagreements:\n{}", failures.join("\n"));
}
