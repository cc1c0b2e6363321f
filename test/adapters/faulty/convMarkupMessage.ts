/**
 * An in-process adapter whose convolution throws an Error whose message is markup, XML syntax,
 * control characters and a terminal escape, all of which the reports must carry as plain text.
 */
import { withFaultyConv } from './withFaultyConv.js';

export const MARKUP_MESSAGE =
  'conv failed: <script>alert("x")</script> ]]> <![CDATA[ & &amp; \u0000\u0007 \u001b[31mred\u001b[0m </failure></testcase>';

export default () =>
  withFaultyConv('conv-markup-message', () => {
    throw new Error(MARKUP_MESSAGE);
  });
