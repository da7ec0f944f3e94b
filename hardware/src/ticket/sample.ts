// Sample tickets (long Vietnamese names) and a way to look at them as PNG.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MonoImage, PaperWidth, TicketLayout } from '../types.ts';
import { writeMonoPng } from './png.ts';
import { renderTicket } from './render.ts';

/** A sample ticket: long centre/service names and a priority mark, or short ones without. */
export function sampleLayout(long = true): TicketLayout {
  const issuedAt = Date.UTC(2025, 2, 12, 1, 5); // 12/03/2025 08:05 in Asia/Ho_Chi_Minh
  if (!long) {
    return {
      centreName: 'Trung tâm Hành chính công',
      serviceName: 'Người có công',
      displayNumber: '2004',
      counterNumbers: [5],
      waitingAhead: 2,
      estimatedWaitMinutes: 6,
      priorityLabel: null,
      issuedAt,
      timeZone: 'Asia/Ho_Chi_Minh',
      statusUrl: 'https://luot.example.vn/t/2004',
      hotline: '1900 1234',
    };
  }
  return {
    centreName: 'Trung tâm Phục vụ hành chính công phường Ninh Kiều',
    serviceName: 'Đăng ký kết hôn có yếu tố nước ngoài',
    displayNumber: '1012',
    counterNumbers: [3, 1],
    waitingAhead: 12,
    estimatedWaitMinutes: 35,
    priorityLabel: 'Người cao tuổi',
    issuedAt,
    timeZone: 'Asia/Ho_Chi_Minh',
    statusUrl: 'https://luot.example.vn/t/01JQ3ZP7K8T2VYB4X9M6N0C5RD',
    hotline: '0292 3820 123',
  };
}

/** Render a ticket and save the 1-bit image as PNG (creating the folder). */
export function writeTicketPng(layout: TicketLayout, paper: PaperWidth, file: string): MonoImage {
  const { image } = renderTicket(layout, paper);
  mkdirSync(dirname(file), { recursive: true });
  writeMonoPng(image, file);
  return image;
}
