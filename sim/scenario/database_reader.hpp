// Reading a tier's `database` section (docs/six-tiers.md): the service whose floating IP
// takes the writes, the replication mode (MySQL's asynchronous and semi-synchronous
// replication, or synchronous), the replicas' apply time and the read pool; and, once the
// services are known, checking that they fit together.
#pragma once

#include "sim/scenario/fields.hpp"
#include "sim/scenario/scenario.hpp"

#include <string>

namespace halab {

void read_database(const Fields& database, DatabaseSpec& d);
// Once /services and /stack are read: each database's write IP is a service over the
// tier's own hosts, it has replicas for the replication asked, and its read pool is its own.
void check_databases(const std::string& stack_pointer, const Scenario& s, Diagnostics& diag);

}  // namespace halab
