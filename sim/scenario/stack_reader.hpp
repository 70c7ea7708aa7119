// Reading /stack, the request path (docs/six-tiers.md): its tiers, their instances and
// capacity, and how each calls the tier below it (nginx's upstream settings, or an LVS
// director's). The entry tier runs on the members of the services the clients call,
// behind their floating IPs; every host runs at most one tier; calls name known tiers,
// never their own, and form no cycle.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <functional>
#include <string>

namespace halab {

// `known_host` says whether a name is a host of the topology. Reads into `s.stack`.
void read_stack(const Fields& stack, Scenario& s, const std::function<bool(const std::string&)>& known_host);
// Once the clients' target is known: the entry tier runs on exactly its services' members.
void check_entry_hosts(const std::string& stack_pointer, const Scenario& s, Diagnostics& diag);

}  // namespace halab
