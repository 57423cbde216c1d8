// Writers of a Story: the words a facilitator reads aloud, DESIGN §7's timeline and tabletop
// JSON, and a tabletop's branches side by side. They format finished values and do nothing else.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/results/story.h"

namespace drsim::models::report {

// The story in words: a heading, the events with causes before effects (consequences at the
// same instant indented under their cause), times with their zone, durations to three
// significant figures, and a closing summary of each service against its targets.
std::string format_story(const results::Story& story);

// DESIGN §7's timeline JSON.
nlohmann::json story_json(const results::Story& story);

// DESIGN §7's tabletop JSON: the story with its decisions, and the branches side by side.
nlohmann::json tabletop_json(const results::Story& story,
                             const std::vector<results::BranchOutcome>& branches);

// The branches side by side, one row per service: RTO, RPO and the verdict in each.
std::string format_branches(const std::vector<results::BranchOutcome>& branches);

}  // namespace drsim::models::report
