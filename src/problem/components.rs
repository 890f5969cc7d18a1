//! Connected components of a problem's candidate graph.

use petgraph::unionfind::UnionFind;
use serde::{Deserialize, Serialize};

use super::compiled::Problem;

/// An independent part of a [`Problem`]: needs linked to each other through shared candidate
/// providers or shared resources ([`Problem::shared`]). No candidate edge or shared resource
/// joins two components, so they can be solved separately and
/// their solutions concatenated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateComponent {
    /// Need indices, ascending.
    pub needs: Vec<u32>,
    /// Indices of the providers with a candidate edge to one of the needs, ascending.
    pub providers: Vec<u32>,
}

/// The connected components of the candidate graph of `problem` (needs and providers as nodes,
/// candidate edges as links), sorted by their smallest need index.
///
/// Every need is in exactly one component (a need without candidate edges is a component of
/// its own); providers without any candidate edge are in none. Edges naming a missing role or
/// provider are ignored (run [`Problem::validate`] first).
///
/// # Complexity
/// O((N + P + E) α(N + P)) time for N needs, P providers and E edges, O(N + P) extra space.
///
/// # Example
/// ```
/// use wushe::problem::candidate_components;
/// use wushe::problem::Problem;
/// let components = candidate_components(&Problem::default());
/// assert!(components.is_empty());
/// ```
pub fn candidate_components(problem: &Problem) -> Vec<CandidateComponent> {
    let needs = problem.needs.len();
    let resources = needs + problem.providers.len();
    let total = resources + problem.shared.len();
    let mut sets = UnionFind::<usize>::new(total);
    for (i, e) in problem.edges.iter().enumerate() {
        let provider = e.provider as usize;
        let Some(role) = problem.roles.get(e.role as usize) else {
            continue;
        };
        let need = role.need as usize;
        if need < needs && provider < problem.providers.len() {
            sets.union(need, needs + provider);
        }
        for u in problem.edge_shared(i) {
            if need < needs && (u.resource as usize) < problem.shared.len() {
                sets.union(need, resources + u.resource as usize);
            }
        }
    }
    let mut slot_of_root: Vec<Option<usize>> = vec![None; total];
    let mut components: Vec<CandidateComponent> = Vec::new();
    for need in 0..needs {
        let root = sets.find(need);
        let slot = *slot_of_root[root].get_or_insert_with(|| {
            components.push(CandidateComponent {
                needs: Vec::new(),
                providers: Vec::new(),
            });
            components.len() - 1
        });
        components[slot].needs.push(need as u32);
    }
    for provider in 0..problem.providers.len() {
        let root = sets.find(needs + provider);
        if let Some(slot) = slot_of_root[root] {
            components[slot].providers.push(provider as u32);
        }
    }
    components
}
