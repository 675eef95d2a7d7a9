"""The impact model: plain, vectorised NumPy functions, one module per stage. No Django here.

demand -> capacity -> queue -> engagement -> outcomes -> costs -> discounting, then psa (drawing the
parameters) and cea (ICERs, net benefit, acceptability, EVPI, tornado). `pipeline` chains the stages for
one staffing option over arrays of parameter draws, so one call evaluates every PSA iteration at once.
"""
