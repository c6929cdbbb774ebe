"""Who claims the outputs that come from the theme rather than from a file of the site."""

from octavo.pages import Claimant

THEME = Claimant("the default theme", "theme")
