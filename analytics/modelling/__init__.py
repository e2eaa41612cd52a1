"""The model stage: count regressions (:mod:`~analytics.modelling.counts`), probabilistic
forecasts and surge checks (:mod:`~analytics.modelling.forecast`) and rolling-origin
backtests (:mod:`~analytics.modelling.backtest`)."""
