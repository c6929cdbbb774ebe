from octavo.cli import main

raise SystemExit(main())
