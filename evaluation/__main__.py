from evaluation.report import main

raise SystemExit(main())
