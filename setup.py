"""Maps the top-level rules/ and assets/ folders into the installed package.

Everything else is declared in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    package_dir={"": "src", "eurasia_game.base_rules": "rules", "eurasia_game.assets": "assets"},
    packages=find_packages("src") + ["eurasia_game.base_rules", "eurasia_game.assets"],
)
