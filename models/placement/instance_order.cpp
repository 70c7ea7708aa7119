// The order in which a clone's instances are assigned and then considered for promotion.
// Source: the Pacemaker 2.1 scheduler's instance comparison (pcmk__cmp_instance,
// cmp_instance_by_colocation; sort_promotable_instance in pcmk_sched_promotable.c).
// Preferred first: an instance active on fewer nodes; one not active where its own score
// forbids it; the higher priority (a promotable clone's instance has its best promotion
// score as priority, and while roles are chosen its promotion priority); an active one;
// one whose node can run resources; one whose clone is allowed on its node; one whose
// node holds fewer instances; one that did not fail; one whose clone's colocations score
// its node higher; then the lower instance number.
#include "models/placement/working_set.hpp"

#include <algorithm>
#include <cstdlib>

namespace halab::placement::detail {

namespace {

int three_way(long long a, long long b) { return a < b ? -1 : (a > b ? 1 : 0); }

long instance_number(const std::string& id) { return std::strtol(id.c_str() + id.rfind(':') + 1, nullptr, 10); }

}  // namespace

// The score the clone's own colocations give the node an instance runs on, as
// order_instance_by_colocation computes it: a table holding that node only, the
// primaries' scores merged in, then the dependents' positive ones.
Score WorkingSet::colocated_score_where_active(int instance) {
  const Rsc& i = rscs_[static_cast<size_t>(instance)];
  const int node = current_node(instance);
  NodeTable table(nodes_.size(), kAbsent);
  table[static_cast<size_t>(node)] = 0;
  const Rsc& parent = rscs_[static_cast<size_t>(i.parent)];
  for (int ci : std::vector<int>(parent.this_with)) {
    const Coloc c = colocs_[static_cast<size_t>(ci)];
    table = merge_weights(c.primary, table, c.attr, static_cast<float>(c.score) / static_cast<float>(kInfinity), 0);
  }
  for (int ci : std::vector<int>(parent.with_this)) {
    const Coloc c = colocs_[static_cast<size_t>(ci)];
    if (!has_influence(c, instance)) continue;
    table = merge_weights(c.dependent, table, c.attr, static_cast<float>(c.score) / static_cast<float>(kInfinity),
                          kMergePositive);
  }
  return table[static_cast<size_t>(node)];
}

void WorkingSet::sort_instances(int clone) {
  std::vector<int>& children = rscs_[static_cast<size_t>(clone)].children;
  std::stable_sort(children.begin(), children.end(), [&](int a, int b) { return compare_instances(a, b, false) < 0; });
}

int WorkingSet::compare_instances(int a, int b, bool choosing_roles) {
  const Rsc& ra = rscs_[static_cast<size_t>(a)];
  const Rsc& rb = rscs_[static_cast<size_t>(b)];
  const Rsc& parent = rscs_[static_cast<size_t>(ra.parent)];
  if (!ra.running_on.empty() && !rb.running_on.empty() && ra.running_on.size() != rb.running_on.size()) {
    return ra.running_on.size() < rb.running_on.size() ? -1 : 1;
  }
  // active where its own score still allows it
  auto allowed_where_active = [&](const Rsc& r) {
    if (r.running_on.empty()) return -1;
    const Score s = r.allowed[static_cast<size_t>(r.running_on.front())];
    return s == kAbsent || s < 0 ? -1 : r.running_on.front();
  };
  const int na = allowed_where_active(ra), nb = allowed_where_active(rb);
  const bool can_a = na >= 0 || ra.running_on.empty(), can_b = nb >= 0 || rb.running_on.empty();
  if (can_a != can_b) return can_a ? -1 : 1;
  const int pa = choosing_roles ? ra.promotion_priority : ra.priority;
  const int pb = choosing_roles ? rb.promotion_priority : rb.priority;
  if (pa != pb) return pa > pb ? -1 : 1;
  if (na < 0 || nb < 0) return na < 0 && nb < 0 ? 0 : (na < 0 ? 1 : -1);
  const bool run_a = nodes_[static_cast<size_t>(na)].available, run_b = nodes_[static_cast<size_t>(nb)].available;
  if (run_a != run_b) return run_a ? -1 : 1;
  const bool in_a = parent.allowed[static_cast<size_t>(na)] != kAbsent;
  const bool in_b = parent.allowed[static_cast<size_t>(nb)] != kAbsent;
  if (!in_a || !in_b) return !in_a && !in_b ? 0 : (in_a ? -1 : 1);
  if (const int c = three_way(parent.count[static_cast<size_t>(na)], parent.count[static_cast<size_t>(nb)])) return c;
  if (ra.failed != rb.failed) return ra.failed ? 1 : -1;
  const Score sa = colocated_score_where_active(a), sb = colocated_score_where_active(b);
  if (sa != sb) return sa > sb ? -1 : 1;
  return three_way(instance_number(ra.id), instance_number(rb.id));
}

}  // namespace halab::placement::detail
