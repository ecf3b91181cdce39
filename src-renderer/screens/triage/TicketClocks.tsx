import { CLOCK_IDS, CLOCK_LABELS, type TicketClocks as Clocks } from '../../../src-shared/tickets';
import { dueText, readClock } from './clock-words';
import { useTick } from './ticking-clock';

/** Both clocks of a ticket, each in words: its state, due time, time left or overdue, met or breached. */
export function TicketClocks({ clocks }: { clocks: Clocks }) {
  const now = useTick();
  return (
    <section className="detail-section" aria-labelledby="ticket-clocks">
      <h3 id="ticket-clocks">SLA clocks</h3>
      <table className="clock-table">
        <caption className="visually-hidden">SLA clocks</caption>
        <thead>
          <tr>
            <th scope="col">Clock</th>
            <th scope="col">State</th>
            <th scope="col">Time</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {CLOCK_IDS.map((id) => {
            const clock = clocks[id];
            const reading = readClock(clock, now);
            return (
              <tr key={id} className={`clock-${reading.tone}`} data-clock={id}>
                <th scope="row">{CLOCK_LABELS[id]}</th>
                <td className="clock-state">{reading.state}</td>
                <td className="clock-time">{reading.time}</td>
                <td>
                  {dueText(clock, now)}
                  {clock.calendar && <span className="clock-calendar"> ({clock.calendar})</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
