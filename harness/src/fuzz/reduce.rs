//! Reduce a failing program: delete statements, pairs of neighbouring statements (a
//! declaration and its only use go together) and block wrappers while the failure
//! stays, until no such step keeps it (minimal in the sense of delta debugging, over the
//! statement tree). Candidates that no longer compile are skipped without running them.

use super::gen::{Node, Program};

/// The smallest program found that still satisfies `fails` (which `p` must satisfy).
pub fn reduce(p: &Program, mut fails: impl FnMut(&Program) -> bool) -> Program {
    let mut best = p.clone();
    loop {
        let mut changed = false;
        let mut i = 0;
        // Candidates are re-enumerated after each success (paths shift).
        while let Some(candidate) = nth_candidate(&best, i) {
            let src = candidate.render();
            if vm::compile_source(src.as_bytes(), "reduce.go").is_ok() && fails(&candidate) {
                best = candidate;
                changed = true;
            } else {
                i += 1;
            }
        }
        if !changed {
            return best;
        }
    }
}

/// One reduction step at a node.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Delete,
    /// Delete the node and its next sibling.
    DeletePair,
    /// Replace a block by its body.
    Unwrap,
}

/// The `i`-th one-step reduction of `p`: for each removable node in pre-order, its
/// deletion, its deletion with its next sibling, and (for a block) its unwrapping.
fn nth_candidate(p: &Program, i: usize) -> Option<Program> {
    let mut paths = Vec::new();
    for (k, n) in p.nodes.iter().enumerate() {
        collect(n, vec![k], &mut paths);
    }
    let (path, step) = paths
        .iter()
        .flat_map(|(path, is_block)| {
            let mut steps = vec![(path.clone(), Step::Delete), (path.clone(), Step::DeletePair)];
            if *is_block {
                steps.push((path.clone(), Step::Unwrap));
            }
            steps
        })
        .nth(i)?;
    let mut q = p.clone();
    if !edit(&mut q.nodes, &path, step) {
        // No next sibling: the same as a plain deletion, so any change will do.
        edit(&mut q.nodes, &path, Step::Delete);
    }
    Some(q)
}

/// Paths of removable nodes (everything but `Fixed`), parents before children.
fn collect(n: &Node, path: Vec<usize>, out: &mut Vec<(Vec<usize>, bool)>) {
    match n {
        Node::Fixed(_) => {}
        Node::Line(_) => out.push((path, false)),
        Node::Block { body, .. } => {
            out.push((path.clone(), true));
            for (k, b) in body.iter().enumerate() {
                let mut p = path.clone();
                p.push(k);
                collect(b, p, out);
            }
        }
    }
}

/// Apply `step` at `path`; false when it cannot apply (a pair at the last sibling, or
/// next to a node that must stay).
fn edit(nodes: &mut Vec<Node>, path: &[usize], step: Step) -> bool {
    let (&k, rest) = path.split_first().expect("a path");
    if !rest.is_empty() {
        return match &mut nodes[k] {
            Node::Block { body, .. } => edit(body, rest, step),
            _ => false,
        };
    }
    match step {
        Step::Delete => {
            nodes.remove(k);
        }
        Step::DeletePair => {
            if k + 1 >= nodes.len() || matches!(nodes[k + 1], Node::Fixed(_)) {
                return false;
            }
            nodes.drain(k..k + 2);
        }
        Step::Unwrap => {
            if let Node::Block { body, .. } = nodes.remove(k) {
                for (j, b) in body.into_iter().enumerate() {
                    nodes.insert(k + j, b);
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduces_to_the_statements_the_failure_needs() {
        let line = |s: &str| Node::Line(s.to_string());
        let p = Program {
            nodes: vec![
                Node::Fixed("package main\nimport \"fmt\"".into()),
                Node::Block {
                    head: "func main()".into(),
                    body: vec![
                        line("x := 1"),
                        line("fmt.Println(x)"),
                        Node::Block {
                            head: "for i := 0; i < 3; i++".into(),
                            body: vec![line("fmt.Println(\"boom\")"), line("fmt.Println(i)")],
                            tail: "}".into(),
                        },
                        line("fmt.Println(\"end\")"),
                    ],
                    tail: "}".into(),
                },
            ],
        };
        // "The failure": the program still prints boom.
        let r = reduce(&p, |q| q.render().contains("\"boom\""));
        let text = r.render();
        assert!(text.contains("fmt.Println(\"boom\")"), "{text}");
        assert!(!text.contains("end") && !text.contains("x := 1") && !text.contains("for i"), "{text}");
        assert!(vm::compile_source(text.as_bytes(), "r.go").is_ok(), "{text}");
    }
}
