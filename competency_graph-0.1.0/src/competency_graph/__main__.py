"""Allow ``python -m competency_graph``."""

from competency_graph.cli.main import main

if __name__ == "__main__":
    main()
