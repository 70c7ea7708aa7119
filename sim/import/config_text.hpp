// The text of daemons' configuration files as statements with line numbers, for the
// importers (`halab import`). Three syntaxes:
//   nginx       — nginx.conf: words ended by ';' or followed by a '{ … }' block; '#'
//                 comments; "…" and '…' quoted words (ngx_conf_file.c's rules);
//   keepalived  — keepalived.conf: one statement per line, '{ … }' blocks (a '{' may
//                 end the line or stand on the next), '#' and '!' comments, "…" quoted
//                 words (keepalived's parser.c);
//   lines       — redis.conf / sentinel.conf: one statement per line, '#' comments, "…"
//                 quoted words (redis's sdssplitargs).
#pragma once

#include <string>
#include <vector>

namespace halab {

enum class ConfigSyntax { nginx, keepalived, lines };

struct ConfigStatement {
  std::vector<std::string> words;  // the directive and its arguments
  int line = 0;                    // where it starts (1-based)
  bool has_block = false;
  std::vector<ConfigStatement> block;  // the statements inside its '{ … }'
};

// `errors` receives "FILE:LINE: message" for unbalanced braces or an unterminated quote
// or statement; what could be read is returned.
std::vector<ConfigStatement> parse_config(const std::string& text, ConfigSyntax syntax, const std::string& file,
                                          std::vector<std::string>& errors);

// Reads FILE; an error ("FILE: cannot open the file", "FILE:LINE: not UTF-8 text") if it
// cannot, or if what it holds cannot be carried into a JSON scenario.
bool read_config_file(const std::string& file, std::string& text, std::vector<std::string>& errors);

}  // namespace halab
