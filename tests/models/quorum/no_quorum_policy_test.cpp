#include "models/quorum/no_quorum_policy.hpp"

#include <gtest/gtest.h>

namespace halab {

TEST(NoQuorumPolicy, TruthTable) {
  // policy, quorate -> may start, must stop, must self-fence (Pacemaker Explained).
  struct Row {
    NoQuorumPolicy policy;
    bool quorate, start, stop, fence;
  };
  for (const Row& r : std::initializer_list<Row>{
           {NoQuorumPolicy::stop, true, true, false, false},
           {NoQuorumPolicy::stop, false, false, true, false},
           {NoQuorumPolicy::freeze, false, false, false, false},
           {NoQuorumPolicy::ignore, false, true, false, false},
           {NoQuorumPolicy::suicide, false, false, false, true},
           {NoQuorumPolicy::suicide, true, true, false, false},
       }) {
    EXPECT_EQ(may_start_resources(r.quorate, r.policy), r.start);
    EXPECT_EQ(must_stop_resources(r.quorate, r.policy), r.stop);
    EXPECT_EQ(must_self_fence(r.quorate, r.policy), r.fence);
  }
}

TEST(NoQuorumPolicy, Parsing) {
  EXPECT_EQ(parse_no_quorum_policy("fence"), NoQuorumPolicy::suicide);
  EXPECT_EQ(parse_no_quorum_policy("freeze"), NoQuorumPolicy::freeze);
  EXPECT_FALSE(parse_no_quorum_policy("panic").has_value());
}

} // namespace halab
