from zizhu.cli import main

raise SystemExit(main())
