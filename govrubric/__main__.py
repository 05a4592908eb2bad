"""python -m govrubric: the same as the govrubric command."""
from .cli import main

main(prog_name="govrubric")
