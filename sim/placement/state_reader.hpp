// Reading a cluster state for `halab place`: the lab's JSON form (docs/placement.md) or
// a Pacemaker CIB XML file as `cibadmin --query` writes it. Errors are collected in
// Diagnostics as `file: /pointer: expected …, found …` (a JSON pointer for JSON, an
// XPath-like location for XML).
#pragma once

#include "models/placement/cluster_state.hpp"
#include "sim/scenario/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace halab {

// `base`: the JSON pointer of `doc` within its file (errors name their full position).
std::optional<placement::ClusterState> read_cluster_state_json(const nlohmann::json& doc, Diagnostics& diag,
                                                               const std::string& base = "");
// A CIB: the status section is parsed one <node_state> at a time, so the parsed document
// follows the configuration and one node's history, not the file's size.
std::optional<placement::ClusterState> read_cluster_state_cib(std::string_view xml_text, Diagnostics& diag);

// Runs the scheduler's own configuration checks (placement::check_configuration) on a state
// just read; records what it refuses at `pointer` and returns false.
bool check_schedulable(const placement::ClusterState& state, Diagnostics& diag, const std::string& pointer);

// Reads FILE, choosing the form by its first non-blank character ('<' is XML).
std::optional<placement::ClusterState> read_cluster_state_file(const std::string& path, Diagnostics& diag);

}  // namespace halab
