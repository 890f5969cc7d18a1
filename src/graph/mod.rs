//! The linkage graph: parties and residents as nodes, their relations as weighted edges.
