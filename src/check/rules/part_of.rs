//! `part-of-cycle`: Sources' part_of links must not form a cycle (`a` part
//! of `b` part of `a`); relatedness of actors is followed transitively and
//! needs a hierarchy. Each group of sources tied up in cycles (a strongly
//! connected component) is reported once, with its shortest cycle through
//! its smallest id, at that source's part_of link. Linear in the links:
//! tens of thousands of chained sources cost milliseconds.

use std::collections::{HashMap, VecDeque};

use super::{Context, finding};
use crate::finding::{Code, Diagnostic};
use crate::model::RecordKind;

pub(super) fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut ids: Vec<&str> =
        cx.contents.entries.iter().filter_map(|e| e.record.as_source()).map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| {
            let source = cx.get(id, RecordKind::Source).and_then(|e| e.record.as_source());
            source.map_or(Vec::new(), |s| {
                s.part_of.iter().filter_map(|p| index.get(p.as_str()).copied()).collect()
            })
        })
        .collect();
    for component in strongly_connected(&edges) {
        // Components come out as sorted indices, so the first is the smallest id.
        let start = component[0];
        let Some(cycle) = shortest_cycle(&edges, &component, start) else { continue };
        let e = cx.get(ids[start], RecordKind::Source).expect("graph nodes are sources");
        let s = e.record.as_source().expect("a source");
        let link = s.part_of.iter().position(|p| p == ids[cycle[1 % cycle.len()]]).unwrap_or(0);
        let mut shown: Vec<&str> = cycle.iter().map(|&i| ids[i]).collect();
        shown.push(ids[start]);
        out.push(
            finding(
                Code::PartOfCycle,
                e,
                &format!("part_of[{link}]"),
                format!("part_of forms a cycle: {}", &shown.join(" → ")),
            )
            .with_help("remove one of these part_of links"),
        );
    }
}

/// The strongly connected components that hold a cycle (more than one
/// node, or a node linked to itself), each as sorted node indices;
/// iterative Tarjan, so deep chains cannot overflow the stack.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low) = (vec![UNSEEN; n], vec![0; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut found, mut counter) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if *next == 0 {
                order[node] = counter;
                low[node] = counter;
                counter += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                if order[to] == UNSEEN {
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 || edges[node].contains(&node) {
                    component.sort_unstable();
                    found.push(component);
                }
            }
        }
    }
    found.sort();
    found
}

/// The shortest cycle from `start` back to itself within `component`, as
/// the nodes in order from `start` (breadth first, links in file order).
fn shortest_cycle(edges: &[Vec<usize>], component: &[usize], start: usize) -> Option<Vec<usize>> {
    let inside = |n: usize| component.binary_search(&n).is_ok();
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &to in &edges[node] {
            if to == start {
                let mut cycle = vec![node];
                while let Some(&prev) = came_from.get(cycle.last().expect("not empty")) {
                    cycle.push(prev);
                }
                cycle.reverse();
                return Some(cycle);
            }
            if inside(to) && !came_from.contains_key(&to) {
                came_from.insert(to, node);
                queue.push_back(to);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_and_cycles() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0 (not in a cycle), 5 → 6 → 5
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0], vec![6], vec![5]];
        assert_eq!(strongly_connected(&edges), vec![vec![0, 1, 2], vec![3], vec![5, 6]]);
        assert_eq!(shortest_cycle(&edges, &[0, 1, 2], 0), Some(vec![0, 1, 2]));
        assert_eq!(shortest_cycle(&edges, &[3], 3), Some(vec![3]));
        // A long chain has no component; a long ring is one, found in one pass.
        let chain: Vec<Vec<usize>> =
            (0..100_000).map(|i| if i + 1 < 100_000 { vec![i + 1] } else { vec![] }).collect();
        assert!(strongly_connected(&chain).is_empty());
        let ring: Vec<Vec<usize>> = (0..100_000).map(|i| vec![(i + 1) % 100_000]).collect();
        let components = strongly_connected(&ring);
        assert_eq!(components.len(), 1);
        assert_eq!(shortest_cycle(&ring, &components[0], 0).map(|c| c.len()), Some(100_000));
    }
}
