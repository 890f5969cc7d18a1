// LEMON peers for the side-by-side benchmark, speaking the timing protocol of README.md here.
//
//   lemon_driver ALGORITHM FILE [RUNS]      ALGORITHM: NetworkSimplex | CostScaling | CapacityScaling
//
// `.min` files are read with lemon::readDimacsMin; LEMON has no `p asn` reader, so `.asn` files
// are read here and solved as a transportation network (rows supply 1, columns -1, capacity 1).
// PARSE covers reading into a SmartDigraph with maps; RUN covers constructing the algorithm,
// handing it the maps and run(). The objective is recomputed from the flow, outside the timing.
// Flow and cost types are int64; every algorithm runs with its default parameters.
#include <lemon/capacity_scaling.h>
#include <lemon/config.h>
#include <lemon/cost_scaling.h>
#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using Graph = lemon::SmartDigraph;
using Int = int64_t;
using ArcMap = Graph::ArcMap<Int>;
using NodeMap = Graph::NodeMap<Int>;
using Clock = std::chrono::steady_clock;

static void fail(const std::string& message) {
  std::printf("ERROR %s\n", message.c_str());
  std::fflush(stdout);
  std::exit(1);
}

static bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Reads a 'p asn' file (rows from 'n' lines, or the first half of the nodes without them).
static void read_asn(const std::string& path, Graph& g, ArcMap& lower, ArcMap& cap, ArcMap& cost,
                     NodeMap& supply) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) fail("cannot open " + path);
  std::vector<char> data;
  char chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, f)) > 0) data.insert(data.end(), chunk, chunk + got);
  std::fclose(f);
  data.push_back('\n');
  const char* p = data.data();
  const char* end = p + data.size();
  auto number = [&](const char*& q) -> long long {
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r')) ++q;
    char* after = nullptr;
    long long v = std::strtoll(q, &after, 10);
    if (after == q) fail("bad number in " + path);
    q = after;
    return v;
  };
  long long nodes = -1, arcs = -1;
  std::vector<char> is_row;
  std::vector<Graph::Node> node;
  bool listed = false;
  long long seen_arcs = 0;
  while (p < end) {
    const char* line_end = static_cast<const char*>(std::memchr(p, '\n', end - p));
    const char* q = p + 1;
    switch (*p) {
      case 'p': {
        while (q < line_end && (*q == ' ' || *q == '\t')) ++q;
        if (std::strncmp(q, "asn", 3) != 0) fail(path + ": not a 'p asn' file");
        q += 3;
        nodes = number(q);
        arcs = number(q);
        is_row.assign(nodes + 1, 0);
        node.resize(nodes + 1);
        for (long long i = 1; i <= nodes; ++i) node[i] = g.addNode();
        g.reserveArc(arcs);
        break;
      }
      case 'n': {
        long long id = number(q);
        if (id < 1 || id > nodes) fail("bad 'n' line");
        is_row[id] = 1;
        listed = true;
        break;
      }
      case 'a': {
        if (seen_arcs == 0 && !listed)
          for (long long i = 1; i <= nodes / 2; ++i) is_row[i] = 1;
        long long t = number(q), h = number(q), c = number(q);
        if (t < 1 || t > nodes || h < 1 || h > nodes) fail("bad arc");
        Graph::Arc a = g.addArc(node[t], node[h]);
        lower.set(a, 0);
        cap.set(a, 1);
        cost.set(a, c);
        ++seen_arcs;
        break;
      }
      default:
        break;
    }
    p = line_end + 1;
  }
  if (nodes < 0) fail(path + ": no 'p' line");
  if (seen_arcs != arcs) fail(path + ": arc count differs from the header");
  for (long long i = 1; i <= nodes; ++i) supply.set(node[i], is_row[i] ? 1 : -1);
}

// Returns the seconds of construction + maps + run(); copies the flow out afterwards.
template <typename Algorithm>
static double solve(const Graph& g, const ArcMap& lower, const ArcMap& cap, const ArcMap& cost,
                    const NodeMap& supply, ArcMap& flow, const std::string& name) {
  auto t = Clock::now();
  Algorithm alg(g);
  alg.lowerMap(lower).upperMap(cap).costMap(cost).supplyMap(supply);
  typename Algorithm::ProblemType status = alg.run();
  double seconds = std::chrono::duration<double>(Clock::now() - t).count();
  if (status != Algorithm::OPTIMAL) fail(name + " did not report OPTIMAL");
  alg.flowMap(flow);
  return seconds;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s NetworkSimplex|CostScaling|CapacityScaling FILE [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string algorithm = argv[1];
  const std::string path = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  if (algorithm != "NetworkSimplex" && algorithm != "CostScaling" && algorithm != "CapacityScaling")
    fail("unknown algorithm " + algorithm);
  std::printf("INFO version=lemon-%s\n", LEMON_VERSION);
  std::fflush(stdout);

  Graph g;
  ArcMap lower(g), cap(g), cost(g);
  NodeMap supply(g);
  auto t0 = Clock::now();
  if (ends_with(path, ".min")) {
    std::ifstream in(path);
    if (!in) fail("cannot open " + path);
    lemon::readDimacsMin(in, g, lower, cap, cost, supply);
  } else if (ends_with(path, ".asn")) {
    read_asn(path, g, lower, cap, cost, supply);
  } else {
    fail("expected a .min or .asn file: " + path);
  }
  double parse = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("PARSE %.6f\n", parse);
  std::fflush(stdout);

  for (int i = 1; i <= runs; ++i) {
    ArcMap flow(g);
    double seconds;
    if (algorithm == "NetworkSimplex")
      seconds = solve<lemon::NetworkSimplex<Graph, Int, Int>>(g, lower, cap, cost, supply, flow, algorithm);
    else if (algorithm == "CostScaling")
      seconds = solve<lemon::CostScaling<Graph, Int, Int>>(g, lower, cap, cost, supply, flow, algorithm);
    else
      seconds = solve<lemon::CapacityScaling<Graph, Int, Int>>(g, lower, cap, cost, supply, flow, algorithm);
    __int128 objective = 0;
    for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) objective += (__int128)flow[a] * cost[a];
    std::printf("RUN %d %.6f %lld\n", i, seconds, (long long)objective);
    std::fflush(stdout);
  }
  std::printf("DONE\n");
  std::fflush(stdout);
  return 0;
}
