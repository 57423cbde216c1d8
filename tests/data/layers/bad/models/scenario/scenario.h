// A fixture: a scenario that knows nothing above it (allowed).
#pragma once
