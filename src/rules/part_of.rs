//! `part-of-cycle`: Sources' part_of links must not form a cycle (`a` part
//! of `b` part of `a`); relatedness of actors is followed transitively and
//! needs a hierarchy. Each cycle is reported once, at the part_of link of
//! its smallest id.

use std::collections::{BTreeSet, HashMap};

use super::{Context, finding};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::RecordKind;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let graph: HashMap<&str, &[String]> = cx
        .snapshot
        .entries
        .iter()
        .filter_map(|e| e.record.as_source())
        .map(|s| (s.id.as_str(), s.part_of.as_slice()))
        .collect();
    let mut reported: BTreeSet<Vec<&str>> = BTreeSet::new();
    let mut starts: Vec<&str> = graph.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        // Iterative DFS from `start`, looking for a path back to it.
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        let mut on_path: Vec<&str> = vec![start];
        let mut visited: BTreeSet<&str> = BTreeSet::new();
        while let Some((node, next)) = stack.last_mut() {
            let parents = graph.get(node).copied().unwrap_or(&[]);
            if *next >= parents.len() {
                stack.pop();
                on_path.pop();
                continue;
            }
            let parent = parents[*next].as_str();
            *next += 1;
            if parent == start {
                let mut cycle = on_path.clone();
                let min = cycle.iter().enumerate().min_by_key(|(_, id)| **id).map(|(i, _)| i).unwrap_or(0);
                cycle.rotate_left(min);
                if cycle[0] == start && reported.insert(cycle.clone()) {
                    let e = cx.get(start, RecordKind::Source).expect("graph nodes are sources");
                    let s = e.record.as_source().expect("a source");
                    let link = s
                        .part_of
                        .iter()
                        .position(|p| p == cycle.get(1).copied().unwrap_or(start))
                        .unwrap_or(0);
                    let mut shown: Vec<&str> = cycle.clone();
                    shown.push(start);
                    out.push(
                        finding(
                            Code::PartOfCycle,
                            e,
                            &format!("part_of[{link}]"),
                            format!("part_of forms a cycle: {}", crate::term::escape(&shown.join(" → "))),
                        )
                        .with_help("remove one of these part_of links"),
                    );
                }
                continue;
            }
            if graph.contains_key(parent) && visited.insert(parent) {
                stack.push((parent, 0));
                on_path.push(parent);
            }
        }
    }
}
