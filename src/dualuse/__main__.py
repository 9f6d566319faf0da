from dualuse.cli.app import run

run()
