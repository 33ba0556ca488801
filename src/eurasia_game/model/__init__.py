"""The rules model: pydantic definitions of everything a rule file may say.

Nothing here knows about game state; the engine interprets these definitions.
"""
