"""The in-game menu (Escape): resume, save, load, settings, help, mod report, quit."""

from __future__ import annotations

from eurasia_game.ui import scenes as sc
from eurasia_game.ui.screens.dialog import ColumnScene, ConfirmScene
from eurasia_game.ui.strings import S
from eurasia_game.ui.widgets import Button


class MenuScene(ColumnScene):
    name = "menu"
    width = 440

    def __init__(self) -> None:
        super().__init__(S("menu_title"))

    def buttons(self, ctx):
        from eurasia_game.ui.screens.help import HelpScene
        from eurasia_game.ui.screens.modreport import ModReportScene
        from eurasia_game.ui.screens.saveload import LoadScene, SaveScene
        from eurasia_game.ui.screens.settings_screen import SettingsScene
        from eurasia_game.ui.screens.title import TitleScene
        from eurasia_game.ui.seminar.panel import facilitator_button

        game = ctx.game
        over = game is None or game.state.over
        default = f"{game.session.scenario}-{game.state.year}" if game else "save"
        return [
            Button("resume", S("resume"), on=lambda: sc.Pop(), shortcut="escape", style="primary"),
            Button("save", S("save_as"), on=lambda: sc.Replace(SaveScene(default)), shortcut="s", tooltip=S("save_help"), enabled=not over, reason=S("game_over_no_save")),
            Button("load", S("load"), on=lambda: sc.Replace(LoadScene()), shortcut="l", tooltip=S("load_help")),
            Button("settings", S("settings"), on=lambda: sc.Replace(SettingsScene()), shortcut="o", tooltip=S("settings_help")),
            Button("help", S("how_to_play"), on=lambda: sc.Replace(HelpScene()), shortcut="h", tooltip=S("how_to_play_help")),
            Button("mod_report", S("mod_report"), on=lambda: sc.Replace(ModReportScene()), shortcut="m", tooltip=S("mod_report_help")),
            facilitator_button(),
            Button("to_title", S("quit_to_title"), on=lambda: sc.Replace(ConfirmScene(S("quit_to_title"), S("quit_to_title_body"), S("quit_to_title"), sc.ResetTo(TitleScene()))), shortcut="t", tooltip=S("quit_to_title_help")),
            Button("quit", S("quit"), on=lambda: sc.Quit(), shortcut="q", tooltip=S("quit_help")),
        ]
