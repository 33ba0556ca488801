"""The game's window: pygame-ce scenes over the engine's views.

This package is the only one that imports pygame.  It renders what
``session.GameSession`` shows each side and turns clicks and keys into engine
actions; it never changes game state itself.

The scene API (see ``ui.scenes``), for anyone adding screens:

- A ``Scene`` has ``layout(ctx)`` (called when it becomes visible and when
  the window is resized), ``handle(event, ctx)`` (one pygame event; returns
  a command or None), ``update(dt, ctx)`` (time passes; returns a command or
  None) and ``draw(surface, ctx)`` (pure: it draws, it never changes the game
  or returns commands).
- Commands are small values from ``ui.scenes``: ``Push(scene)``, ``Pop()``,
  ``Replace(scene)``, ``Quit()``, ``Act(action)``, ``Undo()``.  The app
  applies them; only the app's ``GameController`` calls the session.
- Input goes to the top scene only.  A scene with ``opaque = False`` is drawn
  over the scene below it (dialogs, overlays).
- Widgets (``ui.widgets``) carry an id, a tooltip and a shortcut; a
  ``FocusRing`` gives every scene Tab / arrow / Enter keyboard play.
- Words come from ``assets/ui/strings.json`` (``ui.strings.S``) or from the
  rules; colours and sizes from ``assets/ui/palette.json``; pygame_gui
  widgets (text entry lines) from ``assets/ui/theme.json``.
- Sizes: ``ctx.px(n)`` for lengths and ``ctx.fs(name)`` for fonts follow the
  window's size and the player's UI and text sizes; lay out in ``layout``
  with these, never with fixed pixels, and the screen fits 1024x640 to
  2560x1440 (``tests/ui/test_layout.py`` checks every screen it knows).
- Text goes through ``ctx.text`` (cached surfaces); it also records what was
  drawn in the frame, which the tests use to prove a screen shows no secret.
- The board caches its picture of the position and redraws only what the
  pointer changes, so a frame costs well under a millisecond; a scene that
  needs frames without input (a timer, a blinking cursor) says so in
  ``busy``, and otherwise the loop sleeps.
"""
