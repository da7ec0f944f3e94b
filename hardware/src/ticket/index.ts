export { counterLine, formatIssueTime, type LineStyle, type TicketBlock, ticketContent } from './content.ts';
export { monoImageToPng, writeMonoPng } from './png.ts';
export {
  type DrawOp,
  drawPlan,
  ensureTicketFonts,
  fontString,
  layoutTicket,
  measureWidth,
  renderTicket,
  type TicketPlan,
  wrapBalanced,
  wrapText,
} from './render.ts';
export { sampleLayout, writeTicketPng } from './sample.ts';
