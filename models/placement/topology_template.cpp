#include "models/placement/topology_template.hpp"

#include <stdexcept>

namespace halab::placement {
namespace {

constexpr Score kPreferHome = 100;
constexpr Score kStay = 200;  // stickiness above the home preference: no failback

Resource service_group(const std::string& id) {
  Resource group{id, ResourceKind::group, false, "ocf", {}, {}};
  group.children.push_back({id + "-ip", ResourceKind::primitive, false, "ocf", {}, {}});
  group.children.push_back({id + "-app", ResourceKind::primitive, false, "ocf", {}, {}});
  return group;
}

std::string service_id(int k) { return "svc" + std::to_string(k + 1); }

}  // namespace

std::optional<TopologyKind> parse_topology_kind(std::string_view text) {
  if (text == "active-passive") return TopologyKind::active_passive;
  if (text == "active-active") return TopologyKind::active_active;
  if (text == "n+1") return TopologyKind::n_plus_1;
  if (text == "n+m") return TopologyKind::n_plus_m;
  if (text == "n-to-1") return TopologyKind::n_to_1;
  if (text == "n-to-n") return TopologyKind::n_to_n;
  return std::nullopt;
}

const char* topology_kind_name(TopologyKind kind) {
  switch (kind) {
    case TopologyKind::active_passive: return "active-passive";
    case TopologyKind::active_active: return "active-active";
    case TopologyKind::n_plus_1: return "n+1";
    case TopologyKind::n_plus_m: return "n+m";
    case TopologyKind::n_to_1: return "n-to-1";
    case TopologyKind::n_to_n: return "n-to-n";
  }
  return "active-passive";
}

int nodes_needed(const TopologyTemplate& t) {
  switch (t.kind) {
    case TopologyKind::active_passive: return 2;
    case TopologyKind::active_active:
    case TopologyKind::n_to_n: return t.active;
    case TopologyKind::n_plus_1:
    case TopologyKind::n_to_1: return t.active + 1;
    case TopologyKind::n_plus_m: return t.active + t.spares;
  }
  return t.active;
}

void apply_topology(const TopologyTemplate& t, ClusterState& s) {
  if (t.active < 1 || (t.kind == TopologyKind::n_plus_m && t.spares < 1)) {
    throw std::invalid_argument("a topology needs at least one active node (and one spare for n+m)");
  }
  const int needed = nodes_needed(t);
  if (static_cast<int>(s.nodes.size()) < needed) {
    throw std::invalid_argument(std::string(topology_kind_name(t.kind)) + " with these sizes needs " +
                                std::to_string(needed) + " nodes, found " + std::to_string(s.nodes.size()));
  }
  auto node = [&](int i) { return s.nodes[static_cast<size_t>(i)].name; };
  int id = 0;
  auto next_id = [&](const char* kind) { return std::string(kind) + "-" + std::to_string(++id); };

  switch (t.kind) {
    case TopologyKind::active_passive: {
      s.rsc_defaults["resource-stickiness"] = std::to_string(kStay);
      s.resources.push_back(service_group(service_id(0)));
      s.locations.push_back({next_id("prefer-primary"), service_id(0), node(0), kPreferHome, {}, Role::unknown});
      break;
    }
    case TopologyKind::active_active: {
      Resource clone{"svc-clone", ResourceKind::clone, false, "ocf", {{"clone-max", std::to_string(t.active)}}, {}};
      clone.children.push_back({"svc", ResourceKind::primitive, false, "ocf", {}, {}});
      s.resources.push_back(clone);
      break;
    }
    case TopologyKind::n_plus_1:
    case TopologyKind::n_plus_m:
    case TopologyKind::n_to_n: {
      s.rsc_defaults["resource-stickiness"] = std::to_string(kStay);
      for (int k = 0; k < t.active; ++k) {
        s.resources.push_back(service_group(service_id(k)));
        s.locations.push_back({next_id("home"), service_id(k), node(k), kPreferHome, {}, Role::unknown});
      }
      if (t.kind == TopologyKind::n_to_n) break;  // shared storage: services may share nodes
      // one direction only (each service avoids the ones before it): mutual
      // anti-colocations make the result depend on assignment order and shuffle services
      for (int a = 0; a < t.active; ++a) {
        for (int b = 0; b < a; ++b) {
          s.colocations.push_back({next_id("one-per-node"), service_id(a), service_id(b), -kInfinity,
                                   Role::unknown, Role::unknown, "#uname", true});
        }
      }
      break;
    }
    case TopologyKind::n_to_1: {
      // no stickiness: INFINITY at home brings a service back as soon as home is back
      s.rsc_defaults["resource-stickiness"] = "0";
      for (int k = 0; k < t.active; ++k) {
        s.resources.push_back(service_group(service_id(k)));
        s.locations.push_back({next_id("failback-home"), service_id(k), node(k), kInfinity, {}, Role::unknown});
        for (int other = 0; other < t.active; ++other) {
          if (other == k) continue;
          s.locations.push_back({next_id("not-on-other-actives"), service_id(k), node(other), -kInfinity, {}, Role::unknown});
          if (other > k) continue;
          // the standby (symmetric default score 0) holds one service at a time
          s.colocations.push_back({next_id("one-on-standby"), service_id(k), service_id(other), -kInfinity,
                                   Role::unknown, Role::unknown, "#uname", true});
        }
      }
      break;
    }
  }
}

}  // namespace halab::placement
