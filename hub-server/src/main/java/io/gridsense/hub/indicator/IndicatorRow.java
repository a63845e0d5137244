package io.gridsense.hub.indicator;

/**
 * The loop's indicators for one grid (or the total) over a period. Cases created in the period count;
 * rejected ones (false alarms) are not cases to close.
 *
 * @param closureRate   结案率: closed / (total − rejected); null when there is nothing to close
 * @param onTimeRate    按期结案率: closed on time / closed
 * @param reworkRate    返工率: closed after at least one send-back / closed
 * @param meanSecsToDispatch mean seconds from report to dispatch (of the dispatched ones); likewise to arrive
 *                      (from dispatch) and to close (from report)
 */
public record IndicatorRow(String gridCode, String gridName, String level, long total, long rejected, long closed,
                           long closedOnTime, long reworked, long supervised, Double closureRate, Double onTimeRate,
                           Double reworkRate, Double meanSecsToDispatch, Double meanSecsToArrive, Double meanSecsToClose) {
}
