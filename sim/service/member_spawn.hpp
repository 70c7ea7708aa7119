// How a member process of each service kind (service_kind.hpp) starts: the run's half of
// the registry, kept apart so that the scenario half links without SimGrid.
#pragma once

#include <cstddef>

namespace halab {

struct RunContext;
struct ServiceRun;

// Starts (or restarts) member `member`'s process of its service's kind.
void spawn_member(RunContext& ctx, ServiceRun& service, std::size_t member);

}  // namespace halab
