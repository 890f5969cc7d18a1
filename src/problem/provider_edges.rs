//! Candidate edges indexed by provider.

use super::compiled::Problem;

/// The edge indices of every provider of a problem (CSR), for walking from providers to roles.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProviderEdges {
    start: Vec<u32>,
    edges: Vec<u32>,
}

impl ProviderEdges {
    /// Indexes the edges of `problem` by provider (each provider's in edge order).
    pub(crate) fn new(problem: &Problem) -> Self {
        let n = problem.providers.len();
        let mut start = vec![0u32; n + 1];
        for e in &problem.edges {
            if let Some(s) = start.get_mut(e.provider as usize + 1) {
                *s += 1;
            }
        }
        for p in 0..n {
            start[p + 1] += start[p];
        }
        let mut next = start.clone();
        let mut edges = vec![0u32; start[n] as usize];
        for (i, e) in problem.edges.iter().enumerate() {
            if let Some(slot) = next.get_mut(e.provider as usize) {
                edges[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        ProviderEdges { start, edges }
    }

    /// The edge indices of provider `p`.
    pub(crate) fn of(&self, p: usize) -> &[u32] {
        match (self.start.get(p), self.start.get(p + 1)) {
            (Some(&a), Some(&b)) => self.edges.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}
