"""Use cases: each takes a session and explicit parameters and returns dataclasses."""
