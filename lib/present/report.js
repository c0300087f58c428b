(function(){
var tip=document.getElementById('tip'),box=document.getElementById('evidence');
function svgText(n){var a=n.querySelector('a');var t=n.querySelector('title');
return (a&&(a.getAttribute('xlink:title')||a.getAttribute('title')))||(t?t.textContent:'');}
document.addEventListener('mouseover',function(ev){
var e=ev.target.closest&&ev.target.closest('[data-ev]');
if(!e){tip.style.display='none';return;}
tip.textContent=e.getAttribute('data-ev');tip.style.display='block';});
document.addEventListener('mousemove',function(ev){if(tip.style.display!=='block')return;
var x=ev.clientX+14,y=ev.clientY+14,w=tip.offsetWidth,h=tip.offsetHeight;
if(x+w>window.innerWidth-8)x=Math.max(8,ev.clientX-w-14);
if(y+h>window.innerHeight-8)y=Math.max(8,ev.clientY-h-14);
tip.style.left=x+'px';tip.style.top=y+'px';});
document.addEventListener('click',function(ev){
var e=ev.target.closest&&ev.target.closest('[data-ev],g.node,g.edge');
if(!e){box.style.display='none';return;}
var text=e.hasAttribute('data-ev')?e.getAttribute('data-ev'):svgText(e);
box.textContent='';var b=document.createElement('b');b.textContent='Evidence (click elsewhere to close)';
box.appendChild(b);box.appendChild(document.createTextNode(text));box.style.display='block';
if(e.closest('a'))ev.preventDefault();});
document.body.setAttribute('data-ready','1');
})();
