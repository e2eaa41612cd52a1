"""The model stage: count regressions (:mod:`~analytics.modelling.counts`), structural breaks
(:mod:`~analytics.modelling.breaks`), probabilistic forecasts (:mod:`~analytics.modelling.forecast`
choosing among baselines, level models, combinations and a guarded NB autoregression by nested
rolling-origin scores, :mod:`~analytics.modelling.selection`), surge checks
(:mod:`~analytics.modelling.surge`) and rolling-origin backtests
(:mod:`~analytics.modelling.backtest`)."""
