from octavo.cli import run

run()
